from django.urls import reverse

from tests.matrix import Row, only


def rows() -> list[Row]:
    return [
        # Every signed-in user may switch on two-factor login for their own account.
        Row("security:otp_setup", lambda w: reverse("security:otp_setup"), default=200),
        # Without an enrolled app there is nothing to verify: on to enrolment.
        Row("security:otp_verify", lambda w: reverse("security:otp_verify"), default=302),
        Row("security:otp_remove", lambda w: reverse("security:otp_remove"), method="post", default=302),
        Row("security:locks", lambda w: reverse("security:locks"), **only("administratie")),
        Row("security:unlock", lambda w: reverse("security:unlock"), method="post",
            data=lambda w: {"kind": "username", "value": "ouder5"}, **only("administratie", status=302)),
    ]
