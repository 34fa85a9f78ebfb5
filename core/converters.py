"""Path converters for every id and year in a URL (registered in
CoreConfig.ready, used as <id:pk> and <year:year> in every urls.py).

Django's <int:…> matches any run of digits; an id past PostgreSQL's bigint then
reaches the query and fails with a 500 ("value out of range"), before a view
can log the denied attempt. <id:…> turns every id that no row can have (beyond
bigint) into NO_SUCH_ID, an id no row has either: the view then takes its
ordinary "not found" path, answers 404 and logs exactly as it does for any
other unknown id, and nothing past the converter ever sees an out-of-range
number. tests/core/test_converters.py checks that no URL uses <int:…>."""

MAX_BIGINT = 2**63 - 1
# Sequences start at 1: no table has a row with id 0.
NO_SUCH_ID = 0


class ObjectIdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        # Compare the length first: int() of a megabyte of digits is slow.
        if len(value) > len(str(MAX_BIGINT)):
            return NO_SUCH_ID
        number = int(value)
        return number if number <= MAX_BIGINT else NO_SUCH_ID

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter:
    """Four digits: a year Python's date can hold (1000–9999); longer numbers
    do not match and give 404."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"
