// Keeps this browser's identity cookies: writes each one in data.set, removes each one in data.clear.
// The values are our own (a random secret, an HMAC in hex): URL-safe, so they need no escaping.
export default function ({ data }) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  for (const [name, value] of Object.entries(data?.set ?? {})) {
    document.cookie = `${name}=${value}; Path=/; Max-Age=${data.max_age}; SameSite=Strict${secure}`;
  }
  for (const name of data?.clear ?? []) {
    document.cookie = `${name}=; Path=/; Max-Age=0; SameSite=Strict${secure}`;
  }
}
