// A cell's images as a grid of buttons: a tap or click sends the image's index to Python (trigger "pick")
// and marks it at once. Captions are set with textContent; the images are PNG data URIs made by the app.
export default function ({ data, parentElement, setTriggerValue }) {
  let grid = parentElement.querySelector(".gallery");
  if (!grid) {
    grid = document.createElement("div");
    grid.className = "gallery";
    grid.setAttribute("role", "list");
    parentElement.appendChild(grid);
  }
  const buttons = data.items.map(({ index, src, caption, alt }) => {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.index = String(index);
    b.setAttribute("aria-pressed", String(index === data.selected));
    b.setAttribute("role", "listitem");
    const img = document.createElement("img");
    img.src = src;
    img.alt = alt;
    const text = document.createElement("span");
    text.textContent = caption;
    b.append(img, text);
    b.onclick = () => {
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === b));
      setTriggerValue("pick", index);
    };
    return b;
  });
  grid.replaceChildren(...buttons);
}
