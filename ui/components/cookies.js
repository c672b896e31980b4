// Keeps this browser's identity cookies: writes each one in data.set, removes each one in data.clear.
// The values are our own (a random secret, an HMAC in hex): URL-safe, so they need no escaping.
// A browser that refuses cookies is told to Python once (state "refused"), so the page can say so.
export default function ({ data, setStateValue }) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const set = Object.entries(data?.set ?? {});
  for (const [name, value] of set) {
    document.cookie = `${name}=${value}; Path=/; Max-Age=${data.max_age}; SameSite=Strict${secure}`;
  }
  for (const name of data?.clear ?? []) {
    document.cookie = `${name}=; Path=/; Max-Age=0; SameSite=Strict${secure}`;
  }
  const jar = document.cookie.split("; ");
  if (!set.every(([name, value]) => jar.includes(`${name}=${value}`))) setStateValue("refused", true);
}
