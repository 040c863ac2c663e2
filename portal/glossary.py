"""Words families hear at a child protection conference, in plain words.

Dorset 2.9 asks that meetings avoid jargon and acronyms; where a family still
meets one (in a letter, a report or a professional's words) the glossary page
explains it. Each explanation is written for a worried parent with a reading age
of about 9 to 11: short sentences and everyday words (tests/i18n/test_plain_words.py
measures the page). Acronyms show the letters and what they stand for, because the
letters are what people see written down.

The code is a stable anchor for links (`/glossary#icpc`); it never changes with
the language. The page lists the terms in the reader's alphabetical order, so the
order here is only grouped for whoever edits it: meetings, people, plans, decisions.
"""

from __future__ import annotations

from flask_babel import LazyString, force_locale, lazy_gettext as _l

from portal.domain import plain_words

TERMS: list[tuple[str, LazyString, LazyString]] = [
    (
        "icpc",
        _l("ICPC (initial child protection conference)"),
        _l(
            "The first big meeting about your child's safety. Your family and the workers "
            "meet to decide if your child needs a plan to keep them safe."
        ),
    ),
    (
        "review-conference",
        _l("Review conference"),
        _l(
            "A meeting to check how the child protection plan is going and if it is still "
            "needed. The first one is within 3 months. After that, it is at least every 6 months."
        ),
    ),
    (
        "rcpc",
        _l("RCPC (review child protection conference)"),
        _l("The letters for a review meeting. It checks how the child protection plan is going."),
    ),
    (
        "core-group",
        _l("Core group"),
        _l(
            "A small group of you, your family and the main workers. You meet often between "
            "the big meetings to carry out the plan and check how it is going."
        ),
    ),
    (
        "strategy-discussion",
        _l("Strategy discussion"),
        _l(
            "A talk between social workers, the police, health workers and others when they "
            "are worried a child may be harmed. They decide what to do next."
        ),
    ),
    (
        "fgc",
        _l("FGC (family group conference)"),
        _l(
            "A meeting where your family and friends make their own plan to help keep your "
            "child safe. Someone who is not your social worker helps you run it."
        ),
    ),
    (
        "marac",
        _l("MARAC (multi-agency risk assessment conference)"),
        _l(
            "A meeting of the police, health workers and others about someone at high risk of "
            "harm from a partner or family member. They plan how to keep that person safe."
        ),
    ),
    (
        "mace",
        _l("MACE (multi-agency child exploitation)"),
        _l(
            "Meetings where workers plan how to keep a child safe from people outside the home "
            "who may be using them. For example, someone who makes a child carry drugs."
        ),
    ),
    (
        "chair",
        _l("Chair"),
        _l(
            "The person who runs the meeting. They make sure everyone is heard and help the "
            "meeting decide. They are not your social worker."
        ),
    ),
    (
        "iro",
        _l("IRO (independent reviewing officer)"),
        _l(
            "A person who runs child protection meetings and checks that plans are working. "
            "They do not work on your child's case day to day."
        ),
    ),
    (
        "qaro",
        _l("QARO (quality assurance reviewing officer)"),
        _l("The name some councils use for the person who runs the meeting, the chair."),
    ),
    (
        "advocate",
        _l("Advocate"),
        _l(
            "A person who helps you or your child say what you think, and makes sure you are "
            "heard. Your social worker can find one for you."
        ),
    ),
    (
        "lado",
        _l("LADO (local authority designated officer)"),
        _l(
            "A person at the council who looks into worries about an adult who works with "
            "children. This could be a teacher or a sports coach."
        ),
    ),
    (
        "child-protection-plan",
        _l("Child protection plan"),
        _l(
            "A written plan to keep a child safe from serious harm. It says what needs to "
            "change, who will help and by when."
        ),
    ),
    (
        "cpp",
        _l("CPP (child protection plan)"),
        _l("The letters for a child protection plan: a written plan to keep a child safe."),
    ),
    (
        "cp",
        _l("CP (child protection)"),
        _l("The work done to keep a child safe from harm."),
    ),
    (
        "child-in-need-plan",
        _l("Child in need plan"),
        _l(
            "A plan of help for a child who needs more support to be safe and well. The "
            "worries are not as big as for a child protection plan."
        ),
    ),
    (
        "cin",
        _l("CIN (child in need)"),
        _l(
            "A child who needs extra help to be safe, healthy or to grow well. The help is "
            "written in a child in need plan."
        ),
    ),
    (
        "early-help",
        _l("Early help"),
        _l(
            "Help for a family early on, before problems get bigger. You can choose if you want it."
        ),
    ),
    (
        "category",
        _l("Category"),
        _l(
            "The kind of harm the meeting is most worried about. There are four: physical "
            "abuse, emotional abuse, sexual abuse and neglect. Each child with a child "
            "protection plan has one."
        ),
    ),
    (
        "contingency-plan",
        _l("Contingency plan"),
        _l(
            "A back-up plan. It says what will happen if the main plan does not work or "
            "things get worse."
        ),
    ),
    (
        "signs-of-safety",
        _l("Signs of Safety"),
        _l(
            "A way of working that many councils use. Everyone looks at what is going well, "
            "what they are worried about and what needs to happen next. You may be asked to "
            "score how safe things are from 0 to 10."
        ),
    ),
    (
        "danger-statement",
        _l("Danger statement"),
        _l(
            "A few clear words that say what the workers fear could happen to your child if "
            "nothing changes."
        ),
    ),
    (
        "safety-goal",
        _l("Safety goal"),
        _l(
            "What needs to be true for everyone to feel your child is safe enough. The plan "
            "works toward it."
        ),
    ),
    (
        "s47",
        _l("S47 (section 47 enquiry)"),
        _l(
            "When the council looks into whether a child has been hurt, or may be hurt. It is "
            "named after the part of the law that says they must do this."
        ),
    ),
    (
        "threshold",
        _l("Threshold"),
        _l(
            "The point where worries about a child are serious enough for the council to act. "
            "For example, it may make a child protection plan."
        ),
    ),
    (
        "dissent",
        _l("Dissent"),
        _l(
            "When someone at the meeting does not agree with the decision. What they think is "
            "written down."
        ),
    ),
    (
        "escalation",
        _l("Escalation"),
        _l("Asking a manager to step in when a problem cannot be sorted out."),
    ),
    (
        "mappa",
        _l("MAPPA (multi-agency public protection arrangements)"),
        _l(
            "How the police, prisons and others work together to watch over people who have "
            "done serious crimes. This helps keep other people safe."
        ),
    ),
    (
        "plo",
        _l("PLO (public law outline)"),
        _l(
            "The steps the council must follow before it asks a court to decide about a "
            "child. You will get a letter first, and you can get free advice from a solicitor."
        ),
    ),
]


# Everyday words a family already knows: in the glossary for completeness, but not worth
# marking every time a professional writes them.
NOT_MARKED = frozenset(
    {"chair", "advocate", "category", "review-conference", "child-protection-plan"}
)


def plain_terms() -> list[plain_words.Term]:
    """The glossary as terms for the plain-language helper. Reports are written in English,
    so the terms and their plain alternatives are the English ones."""
    with force_locale("en"):
        return [
            plain_words.term_from_glossary(code, str(name), str(text))
            for code, name, text in TERMS
            if code not in NOT_MARKED
        ]


def advise(text: str) -> plain_words.Advice:
    """Advice on words written for a family: the glossary's jargon found, and a score."""
    return plain_words.advise(text or "", plain_terms())
