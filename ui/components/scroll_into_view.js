// Brings the element matching data.selector into view once per new data.nonce (a count Python raises when
// the user's tap asks for what that element shows): only if its top is off screen or low on it, so a wide
// screen that already shows it (beside the matrix) does not move. A reload starts a new count at 0, which scrolls nothing.
export default function ({ data }) {
  const seen = (window.cpScrolled ??= {});
  if (!data?.nonce || seen[data.selector] === data.nonce) return;
  seen[data.selector] = data.nonce;
  let tries = 0;
  const bring = () => {
    const el = document.querySelector(data.selector);
    if (!el) {
      if (++tries < 40) setTimeout(bring, 50);  // the target may be drawn just after this component
      return;
    }
    // Clear of Streamlit's top bar; moved only when less than a third of the screen of it shows.
    el.style.scrollMarginTop = "4.5rem";
    const top = el.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.67) el.scrollIntoView({ block: "start", behavior: "smooth" });
  };
  requestAnimationFrame(bring);
}
