from django import forms


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label="动态口令",
        min_length=6,
        max_length=6,
        help_text="打开手机上的身份验证器应用，输入显示的 6 位数字。",
        error_messages={"required": "请输入 6 位动态口令。", "min_length": "动态口令为 6 位数字。"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("动态口令为 6 位数字。")
        return code
