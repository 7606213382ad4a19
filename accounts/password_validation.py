from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, saying it in Chinese: its translation of the plural message is missing for zh-hans."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
