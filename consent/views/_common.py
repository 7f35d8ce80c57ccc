"""What the consent pages share: the purposes being asked now."""




from ..models import Purpose


def active_purposes():
    return list(Purpose.objects.active().select_related("current_version"))


