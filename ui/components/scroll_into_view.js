// Brings the element matching data.selector into view once per new data.nonce (a count Python raises when
// the user asks for what that element shows): only if its top is off screen or low on it, so a wide screen
// that already shows it (beside the matrix) does not move; with data.whole also when its bottom is below the
// screen, then by the least scroll that shows it whole (what stands above it stays on screen as far as it can).
// A reload starts a new count at 0, which scrolls nothing.
const STEP_MS = 100, UNTIL_MS = 3000;

export default function ({ data }) {
  const seen = (window.cpScrolled ??= {});
  const { selector, nonce, whole } = data ?? {};
  if (!nonce || seen[selector] === nonce) return;
  seen[selector] = nonce;
  const bring = (el, { top, bottom }) => {
    // Clear of Streamlit's top bar; moved only when less than a third of the screen of it shows.
    el.style.scrollMarginTop = "4.5rem";
    el.style.scrollMarginBottom = "2rem";  // room for a status line that wraps as it grows
    const low = top < 0 || top > window.innerHeight * 0.67;
    if (whole && (low || bottom > window.innerHeight)) el.scrollIntoView({ block: "nearest", behavior: "smooth" });
    else if (low) el.scrollIntoView({ block: "start", behavior: "smooth" });
  };
  // The rest of the run still moves the target after this component is drawn (the target itself may come just
  // after it, an expander above it folds, a chart in it is redrawn), and a scroll aimed before that stops short
  // or overshoots. So the target is watched for a while and looked at each time it has stood still for a step;
  // a look scrolls only while it is out of view.
  let last = null, waited = 0;
  const watch = () => {
    if (seen[selector] !== nonce || (waited += STEP_MS) > UNTIL_MS) return;  // done, or a newer request took over
    const el = document.querySelector(selector);
    const box = el?.getBoundingClientRect();
    const where = box && `${Math.round(box.top)} ${Math.round(box.bottom)}`;
    if (box && where === last) bring(el, box);
    last = where;
    setTimeout(watch, STEP_MS);
  };
  watch();
}
