"""The office's and directie's pages for staff and board members, and the invitation link (issue 14, item 1)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, staff_services
from .errors import show_refusal
from .forms import BoardMemberForm, EndDateForm, StaffMemberForm
from .models import BoardMember, Role, StaffMember

User = get_user_model()


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def staff_list(request):
    query = request.GET.get("q", "").strip()[:100]
    staff = StaffMember.objects.select_related("user").prefetch_related("user__groups", "groups__school_year")
    if query:
        staff = staff.filter(Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(email__icontains=query))
    show_left = request.GET.get("uit_dienst") == "1"
    if not show_left:
        staff = staff.filter(left_on__isnull=True)
    page = Paginator(staff.order_by("sort_name", "pk"), 50).get_page(request.GET.get("pagina"))
    labels = dict(Role.choices)
    rows = [(s, [labels[g.name] for g in s.user.groups.all() if g.name in labels]) for s in page]
    return render(request, "julianaschool/staff_list.html",
                  {"page": page, "rows": rows, "query": query, "show_left": show_left})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def staff_add(request):
    form = StaffMemberForm(request.POST or None, initial={"roles": [Role.TEACHER, Role.STAFF]})
    if request.method == "POST" and form.is_valid():
        try:
            staff = staff_services.add_staff_member(**form.cleaned_data, actor=request.user,
                                                    base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(name)s is toegevoegd en krijgt een uitnodiging op %(email)s.") % {
                "name": staff.full_name, "email": staff.email})
            return redirect("people:staff_member", pk=staff.pk)
    return render(request, "julianaschool/staff_form.html", {"form": form, "staff": None})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def staff_detail(request, pk):
    staff = access.staff_member_for(request.user, pk)
    roles = [r for r in staff.user.groups.values_list("name", flat=True) if r in staff_services.STAFF_ROLES]
    form = StaffMemberForm(request.POST or None, initial={
        "first_name": staff.first_name, "tussenvoegsel": staff.tussenvoegsel, "last_name": staff.last_name,
        "email": staff.email, "function": staff.function, "roles": roles})
    if request.method == "POST" and form.is_valid():
        try:
            staff_services.update_staff_member(staff=staff, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": staff.full_name})
            return redirect("people:staff_member", pk=staff.pk)
    assignments = staff.assignments.select_related("group__school_year").order_by("-group__school_year__starts_on")
    return render(request, "julianaschool/staff_form.html", {
        "form": form, "staff": staff, "end_form": EndDateForm(), "assignments": assignments})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def staff_end(request, pk):
    staff = access.staff_member_for(request.user, pk)
    form = EndDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Per datum: vul een geldige datum in."))
        return redirect("people:staff_member", pk=staff.pk)
    try:
        staff_services.end_staff_member(staff=staff, left_on=form.cleaned_data["left_on"], actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(name)s is uit dienst gemeld; het account is gesloten, alle gegevens blijven bewaard.")
                         % {"name": staff.full_name})
    return redirect("people:staff_member", pk=staff.pk)


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def staff_invite(request, pk):
    staff = access.staff_member_for(request.user, pk)
    try:
        staff_services.resend_staff_invitation(staff=staff, actor=request.user, base_url=request.build_absolute_uri("/"))
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De uitnodiging is opnieuw gemaild naar %(email)s.") % {"email": staff.email})
    return redirect("people:staff_member", pk=staff.pk)


@access.role_required(Role.MANAGEMENT)
def board_list(request):
    members = BoardMember.objects.select_related("user").order_by("left_on", "-is_chair", "sort_name")
    return render(request, "julianaschool/board_list.html", {"members": members})


@access.role_required(Role.MANAGEMENT)
def board_add(request):
    form = BoardMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = staff_services.add_board_member(**form.cleaned_data, actor=request.user,
                                                     base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(name)s is toegevoegd aan het bestuur en krijgt een uitnodiging.")
                             % {"name": member.full_name})
            return redirect("people:board")
    return render(request, "julianaschool/board_form.html", {"form": form, "member": None})


@access.role_required(Role.MANAGEMENT)
def board_detail(request, pk):
    member = access.board_member_for(request.user, pk)
    form = BoardMemberForm(request.POST or None, initial={
        "first_name": member.first_name, "tussenvoegsel": member.tussenvoegsel, "last_name": member.last_name,
        "email": member.user.email, "is_chair": member.is_chair})
    if request.method == "POST" and form.is_valid():
        try:
            staff_services.update_board_member(member=member, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": member.full_name})
            return redirect("people:board")
    return render(request, "julianaschool/board_form.html", {"form": form, "member": member, "end_form": EndDateForm()})


@access.role_required(Role.MANAGEMENT)
@require_POST
def board_end(request, pk):
    member = access.board_member_for(request.user, pk)
    form = EndDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Per datum: vul een geldige datum in."))
        return redirect("people:board_member", pk=member.pk)
    try:
        staff_services.end_board_member(member=member, left_on=form.cleaned_data["left_on"], actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("people:board_member", pk=member.pk)
    messages.success(request, _("%(name)s is afgetreden; het account is gesloten.") % {"name": member.full_name})
    return redirect("people:board")


@access.role_required(Role.MANAGEMENT)
@require_POST
def board_invite(request, pk):
    member = access.board_member_for(request.user, pk)
    try:
        staff_services.resend_board_invitation(member=member, actor=request.user, base_url=request.build_absolute_uri("/"))
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De uitnodiging is opnieuw gemaild naar %(email)s.") % {"email": member.user.email})
    return redirect("people:board_member", pk=member.pk)


@login_not_required
def welcome(request, uidb64, token):
    """The link from the invitation mail: the new staff or board member chooses a password."""
    try:
        user = User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True).first()
    except (TypeError, ValueError, OverflowError):
        user = None
    valid = user is not None and staff_services.invitation_tokens.check_token(user, token)
    form = SetPasswordForm(user, request.POST or None) if valid else None
    if valid and request.method == "POST" and form.is_valid():
        staff_services.accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        messages.success(request, _("Uw wachtwoord is opgeslagen. Log nu in met uw gebruikersnaam %(username)s.")
                         % {"username": user.username})
        return redirect("login")
    return render(request, "julianaschool/welcome.html", {"form": form, "validlink": valid, "invited": user if valid else None},
                  status=200 if valid else 404)
