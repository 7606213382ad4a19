from django.core.management.base import BaseCommand

from common import key_rotation


class Command(BaseCommand):
    help = (
        "用 FIELD_ENCRYPTION_KEYS 中的第一个（最新）密钥重新加密所有加密字段；"
        "已是最新密钥的值不动，可重复运行。完成后才能从 FIELD_ENCRYPTION_KEYS 中删去旧密钥。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=key_rotation.BATCH_SIZE, help="每批（每个事务）处理的行数"
        )

    def handle(self, *args, batch_size: int, **options) -> None:
        found = key_rotation.encrypted_models()
        if not found:
            self.stdout.write("没有使用加密字段的模型。")
        for model, names in found:
            read, rewritten = key_rotation.rotate_model(model, names, batch_size)
            self.stdout.write(f"{model._meta.label}（{'、'.join(names)}）：共 {read} 行，重新加密 {rewritten} 行。")
        self.stdout.write(self.style.SUCCESS("完成：所有加密字段均已使用最新密钥。"))
