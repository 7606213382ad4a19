"""Steps the browser journeys share."""

from playwright.sync_api import expect


def log_in(browser, base: str, username: str, width: int = 1280):
    """A new browser context of ``width`` pixels, signed in as ``username`` (the factories' password)."""
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    return page
