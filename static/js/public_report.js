// The public report pages: a new captcha picture without reloading the form, and one submission per click.
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".captcha-refresh");
  if (!button) return;
  const response = await fetch(button.dataset.refreshUrl, { headers: { "X-Requested-With": "XMLHttpRequest" } });
  if (!response.ok) return;
  const captcha = await response.json();
  const field = button.closest(".field");
  field.querySelector("img.captcha").src = captcha.image_url;
  field.querySelector('input[type="hidden"]').value = captcha.key;
  const answer = field.querySelector('input[type="text"]');
  answer.value = "";
  answer.focus();
});

// A double click must not send the form twice (the server also refuses a second report for the same form).
document.querySelectorAll("form[data-submit-once]").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll('button[type="submit"]').forEach((button) => {
      button.disabled = true;
      button.textContent = "正在提交，请稍候…";
    });
  });
});
