"""Serializers whose fields are copied one level deep per use, not deep-copied.

DRF gives every serializer instance its own fields (`bind` sets the field's
name and parent on it) by `copy.deepcopy` of the declared ones, and a field's
deep copy builds it again from its arguments, validators and querysets
included. For the report API that was about 0.4 ms of each submit, a tenth
of the request (the input and the answer serializer). A field without
children needs only its own attributes copied for `bind` to set on the copy;
what it shares with the declared field (validators, choices, the queryset it
clones on use) is never changed by a request. A field that holds children
(a nested serializer, a list or dict of fields, many related objects) would
share them, so it is refused when the class is made, not found out later.
This is the one-level copy of DRF pull request 4587, kept to the flat case
where it is safe."""

import copy

from rest_framework import serializers


def _holds_children(field) -> bool:
    return (isinstance(field, serializers.BaseSerializer)
            or hasattr(field, "child") or hasattr(field, "child_relation"))


class FlatSerializer(serializers.Serializer):
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        nested = sorted(name for name, field in cls._declared_fields.items()
                        if _holds_children(field))
        if nested:
            raise TypeError(f"{cls.__name__}: {', '.join(nested)} hold other fields; "
                            "a FlatSerializer copies its fields one level deep only")

    def get_fields(self):
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}
