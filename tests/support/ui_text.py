"""What must never show in the Swedish interface: raw recurrence rules,
"None", Django's "---------", database constraint names and English words.
`problems(url, texts)` returns the offending snippets of one page's texts."""

import re
from functools import cache

RAW_RULE = re.compile(r"\b(?:FREQ=|BYDAY=|BYMONTHDAY=|INTERVAL=|RRULE)")
NONE = re.compile(r"\bNone\b")
DASHES = "---------"

# Common English interface words. Capitalised words match case-sensitively
# (Swedish has none of them as words); lower-case function words match only
# in lower case, and only if no Swedish homograph is close (so "of" but not
# "in", "on", "for", "by", "is", "fast", "men", "under").
ENGLISH_WORDS = {
    # function words
    "the", "and", "of", "with", "from", "your", "you", "this", "that", "these", "which",
    "there", "are", "were", "been", "has", "have", "not", "or", "to", "at", "into", "per page",
    "please", "here", "more", "less", "any", "none", "no results", "yet", "than", "then",
    # raw choice values and keys that leak into text
    "open", "closed", "declined", "accepted", "pending", "draft", "done", "cancelled",
    "active", "new", "police", "high", "low", "medium", "true", "false", "null", "unknown",
    # buttons and links
    "Save", "Cancel", "Delete", "Edit", "Search", "Submit", "Next", "Previous", "Yes", "No",
    "Back", "Home", "Log out", "Log in", "Login", "Logout", "Sign in", "Sign out", "Settings",
    "Filter", "Sort", "Add", "Remove", "Close", "Create", "Update", "Change", "View", "Show",
    "Hide", "Select", "Choose", "Confirm", "Continue", "Send", "Upload", "Download", "Export",
    "Print", "Reset", "Clear", "Apply", "More", "Help", "Profile", "Password", "Username",
    # labels and headings
    "Name", "Date", "Status", "Open", "Closed", "Meeting", "Meetings", "Report", "Reports",
    "Measure", "Measures", "Case", "Cases", "Page", "Total", "Created", "Updated", "Owner",
    "Category", "Categories", "Locality", "Description", "Title", "Type", "Priority",
    "Deadline", "Due", "Start", "End", "Comment", "Comments", "Attachment", "Attachments",
    "Organization", "Role", "Roles", "User", "Users", "Email", "Phone",
    "Address", "Time", "Week", "Month", "Year", "Today", "Yesterday", "Tomorrow", "Summary",
    "Details", "History", "Log", "Notes", "Decision", "Minutes", "Members",
    "Participants", "Unit", "Group", "Working group", "Concern", "Concerns", "Task", "Tasks",
    "Draft", "Active", "Inactive", "Pending", "Done", "Completed", "Cancelled", "Archived",
    "Unknown", "Other", "Loading", "Error", "Warning", "Success", "Required", "Optional",
    "Welcome", "Dashboard", "Overview", "Map", "Action plan", "Effect", "Effects",
    "Statistics", "Number", "Numbers", "January", "February", "March", "June", "July",
    "August", "October", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "This field",
    "field", "required", "invalid", "Invalid", "Enter", "valid", "characters", "hour", "hours",
    "minutes", "days", "ago", "weeks", "months", "years", "Everyone", "Nobody", "Nothing",
    "results", "found", "items", "Showing", "Forbidden", "Not found", "Server error",
}
# Proper nouns, abbreviations and Swedish homographs that look English.
ALLOWED = {
    "EST", "TSK", "Tryggsam", "PDF", "CSV", "e-post", "IFO", "OK", "Excel", "TOTP", "API",
    "URL", "Tranemo", "GDPR",
    # Swedish words spelt like English ones
    "Start", "Plan", "Status", "Filter", "Support", "Agenda", "Organisation",
}
# Text that may show on some pages only: (URL regex, exact text).
EXEMPT = [
    # The advanced field of the meeting-series form is where a rule is typed;
    # its help text shows the syntax.
    (re.compile(r"/serier/"), "t.ex. FREQ=MONTHLY;BYDAY=2TU."),
]
TOKEN = re.compile(r"[\w-]+")


@cache
def english() -> tuple[frozenset[str], re.Pattern]:
    """Single words (looked up per token) and phrases (one regex)."""
    words = ENGLISH_WORDS - ALLOWED
    phrases = sorted((w for w in words if " " in w), key=len, reverse=True)
    regex = re.compile("|".join(rf"(?<![\w-]){re.escape(p)}(?![\w-])" for p in phrases))
    return frozenset(w for w in words if " " not in w), regex


@cache
def constraint_names() -> frozenset[str]:
    from django.apps import apps

    names = set()
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name and "%(" not in constraint.name:
                names.add(constraint.name)
    return frozenset(names)


def _snippet(text: str, start: int, end: int) -> str:
    return text[max(0, start - 30):end + 30].replace("\n", " ")


def problems(url: str, texts: list[str]) -> list[str]:
    found = []
    constraints = constraint_names()
    exempt = [text for where, text in EXEMPT if where.search(url)]
    for text in texts:
        for allowed in exempt:
            text = text.replace(allowed, "")
        for regex, what in ((RAW_RULE, "raw recurrence rule"), (NONE, '"None"')):
            for match in regex.finditer(text):
                found.append(f"{what}: {_snippet(text, match.start(), match.end())!r}")
        if DASHES in text:
            found.append(f'"---------": {text[:80]!r}')
        tokens = TOKEN.findall(text)
        for name in constraints.intersection(tokens):
            found.append(f"constraint name {name}: {text[:120]!r}")
        words, phrases = english()
        hits = [m.group(0) for m in phrases.finditer(text)] + [t for t in tokens if t in words]
        for word in dict.fromkeys(hits):
            at = text.find(word)
            found.append(f"English {word!r}: {_snippet(text, at, at + len(word))!r}")
    return found
