"""One confirmation step for the portal's irreversible and bulk actions (deleting a section or a
draft, a reminder to every parent without an answer): the first POST shows what will happen, with
the count; only a POST with bevestig=ja acts."""

from django.shortcuts import render


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get("bevestig") == "ja"


def confirmation(request, *, title: str, explanation: str, button: str, cancel: str, danger: bool = False):
    return render(request, "includes/confirm.html", {
        "title": title, "explanation": explanation, "button": button, "cancel": cancel,
        "action": request.path, "danger": danger,
    })
