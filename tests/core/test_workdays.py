from datetime import date

from core.workdays import add_working_days, holiday_name, is_working_day


def test_christmas_eve_and_the_weekend_do_not_count():
    # sent on 2026-12-23: 24, 25 (holidays), 26–27 (weekend) skipped
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)


def test_midsummer_eve_is_not_a_working_day():
    assert holiday_name(date(2026, 6, 19)) == "Midsommarafton"
    assert not is_working_day(date(2026, 6, 19))
    assert add_working_days(date(2026, 6, 18), 1) == date(2026, 6, 22)


def test_easter_is_skipped():
    # Thursday before Good Friday 2026-04-03; Easter Monday 2026-04-06
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)
