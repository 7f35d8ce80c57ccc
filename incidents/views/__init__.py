"""Pages of the incidents app, by concern: reporting and the incident page, measures, dossiers,
and directie's categories and figures.

Every object is fetched through a `*_for(user, pk)` helper in incidents.access (404 to whoever
may not see it); role pages answer 403 to roles that have no business there. Every write goes
through incidents.services, whose refusals the view shows with `show_refusal`. incidents/urls.py
names `views.<function>`; the modules below are where each lives.
"""

from .dossiers import document, dossiers, pupil_dossier, pupil_dossier_upload, staff_dossier, staff_dossier_upload  # noqa: F401
from .figures import categories, category_edit, statistics, statistics_csv  # noqa: F401
from .measures import (  # noqa: F401
    measure_acceptance,
    measure_decide,
    measure_detail,
    measure_email,
    measure_new,
    measure_response,
)
from .reporting import add_note, attachment, change_status, incident_detail, incident_list, report  # noqa: F401
