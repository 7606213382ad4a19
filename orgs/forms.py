from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            f"用户名或密码不正确，请重新输入。连续输错 {settings.AXES_FAILURE_LIMIT} 次后，该账号在本机将被暂时锁定。"
        ),
        "inactive": "该账号已停用，请联系纪委系统管理员。",
    }
