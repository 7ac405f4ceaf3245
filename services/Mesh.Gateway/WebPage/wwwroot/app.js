// Reads the served model over the JSON route; the key, when keys are on, is kept in localStorage.
const keyInput = document.getElementById("key");
keyInput.value = localStorage.getItem("mesh-api-key") ?? "";
keyInput.addEventListener("change", () => { localStorage.setItem("mesh-api-key", keyInput.value); loadModel(); });

function headers() {
  return keyInput.value ? { "x-api-key": keyInput.value } : {};
}

async function loadModel() {
  const error = document.getElementById("error");
  error.textContent = "";
  const response = await fetch("/v1/decoder/model-info", { headers: headers() });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    error.textContent = response.status === 401
      ? "The mesh needs an API key: enter it above."
      : `The mesh answered ${response.status}: ${body.message ?? response.statusText}`;
    return;
  }
  document.getElementById("model").textContent = JSON.stringify(await response.json());
}

loadModel();
