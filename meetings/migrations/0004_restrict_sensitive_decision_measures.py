"""Measures made from decisions of a working group that handles sensitive
matters, before casework.Measure.restricted_to_group existed, get that
restriction now; and their titles are taken out of what was already copied
elsewhere: other groups' drafted agendas, and the agenda and digest mails in
the outbox (the agenda draft listed every open measure). Reverse: nothing to
undo (the field goes with casework 0004)."""

from django.db import migrations

AGENDA_MAIL = "meeting_notice"
DIGEST_MAIL = "meeting_digest"


def _without_lines_naming(text: str, titles: set[str]) -> str:
    """The agenda text without the measure lines ("   - <title> (…") that name
    one of `titles`."""
    kept = [line for line in text.split("\n")
            if not any(line.startswith(f"   - {title} (") for title in titles)]
    return "\n".join(kept)


def restrict(apps, schema_editor):
    Decision = apps.get_model("meetings", "Decision")
    Measure = apps.get_model("casework", "Measure")
    Meeting = apps.get_model("meetings", "Meeting")
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")

    restricted: dict[int, tuple[int, str]] = {}  # measure id → (group id, title)
    for decision in Decision.objects.filter(
            measure__isnull=False, meeting__group__handles_sensitive=True).select_related(
            "meeting", "measure"):
        group_id = decision.meeting.group_id
        Measure.objects.filter(pk=decision.measure_id).update(restricted_to_group_id=group_id)
        restricted[decision.measure_id] = (group_id, decision.measure.title)
    if not restricted:
        return

    by_group: dict[int, set[str]] = {}
    for group_id, title in restricted.values():
        by_group.setdefault(group_id, set()).add(title)
    for group_id, titles in by_group.items():
        for meeting in Meeting.objects.exclude(group_id=group_id).exclude(agenda=""):
            cleaned = _without_lines_naming(meeting.agenda, titles)
            if cleaned != meeting.agenda:
                Meeting.objects.filter(pk=meeting.pk).update(agenda=cleaned)
            for row in OutgoingEmail.objects.filter(
                    template=AGENDA_MAIL, key__startswith=f"meeting:{meeting.pk}:"):
                text = row.context.get("text")
                if isinstance(text, str) and _without_lines_naming(text, titles) != text:
                    row.context["text"] = _without_lines_naming(text, titles)
                    row.save(update_fields=["context"])

    # Digest rows made before this list a measure by title (no link).
    id_by_title = {title: pk for pk, (_group, title) in restricted.items()}
    for row in OutgoingEmail.objects.filter(template=DIGEST_MAIL):
        changed = False
        for item in row.context.get("measures") or []:
            if item.get("title") in id_by_title:
                item["title"] = f"Å-{id_by_title[item['title']]}"
                changed = True
        if changed:
            row.save(update_fields=["context"])


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0003_meeting_status_labels"),
        ("casework", "0006_measure_restricted_to_group"),
        ("notifications", "0002_remove_captured_email"),
    ]

    operations = [
        migrations.RunPython(restrict, migrations.RunPython.noop),
    ]
