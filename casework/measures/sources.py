"""What a measure came from, and who must hear when its state changes.

A measure's source is a case (or cases), a lägesbild, or a row of another app
(a meeting decision, a safety-walk place, a survey answer, a medborgarlöfte)
held in the generic `source`. casework does not import those apps; an app
that must react to a change of its measures' state registers a hook here in
its AppConfig.ready(), and the measure services call it directly inside their
transaction (a required step, not an optional signal)."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType

from ..models import Measure

StateHook = Callable[[Measure], None]

_state_hooks: dict[str, StateHook] = {}


def register_state_hook(model, hook: StateHook) -> None:
    """`hook(measure)` runs after a measure whose source is a `model` row
    changes status (one hook per source model). At creation the source's own
    service knows, and acts, itself."""
    _state_hooks[model._meta.label_lower] = hook


def source_state_changed(measure: Measure) -> None:
    """Tell the source's app that the measure changed status."""
    if not measure.source_type_id or not measure.source_id:
        return
    source_type = ContentType.objects.get_for_id(measure.source_type_id)
    hook = _state_hooks.get(f"{source_type.app_label}.{source_type.model}")
    if hook is not None:
        hook(measure)
