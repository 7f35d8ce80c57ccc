from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from .context_processors import collect


def dashboard(request):
    """One page, a section per role the user holds, in the order the apps give (priority first)."""
    sections = sorted(collect("PORTAL_DASHBOARD_PROVIDERS", request), key=lambda s: s.get("priority", 50))
    rendered = [render_to_string(s["template"], s.get("context", {}), request=request) for s in sections]
    return render(request, "julianaschool/dashboard.html", {"sections": rendered})


@login_not_required
@never_cache
def health(request):
    """200 while the database answers, 503 when it does not; for the load balancer and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means unhealthy, whatever the driver raises
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
