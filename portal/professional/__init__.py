"""Pages for the professionals who run a conference, one blueprint package per journey:
`submissions` (what the family and young people sent) and `arrangements` (the sheet for the
room). The caseload list is "Your meetings" (`portal.conferences.caseload`)."""
