"""Delivering messages: compose them in the recipient's language, send by email or SMS.

`outbox` is what the rest of the portal calls; `worker` drains the outbox; `channels`
talks to the mail server, GOV.UK Notify or, in development, files.
"""
