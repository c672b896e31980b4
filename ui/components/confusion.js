// The confusion matrix as a table of buttons: a tap or click on a cell sends its (true, predicted) pair
// to Python (trigger "cell") and marks it at once. All text is set with textContent: class names and counts
// come from Python, never as HTML. On a narrow screen the table scrolls sideways inside its box, the class
// names staying in view; a redraw keeps that scroll position.
export default function ({ data, parentElement, setTriggerValue }) {
  let box = parentElement.querySelector(".cm-box");
  const scrolled = box ? box.scrollLeft : 0;
  if (!box) {
    box = document.createElement("div");
    box.className = "cm-box";
    parentElement.appendChild(box);
  }
  const cell = (tag, text, cls) => {
    const el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    return el;
  };
  const table = document.createElement("table");
  table.className = "cm";
  const head = document.createElement("thead");
  const titleRow = document.createElement("tr");
  titleRow.append(cell("th", "", "corner"));
  const predTitle = cell("th", data.titles[1] + " →", "axis");
  predTitle.colSpan = data.labels.length;
  titleRow.append(predTitle);
  const labelRow = document.createElement("tr");
  labelRow.append(cell("th", data.titles[0] + " ↓", "corner axis"));
  // A long name breaks after its slash ("T-shirt/" "top") or at a space, never inside a word.
  for (const name of data.labels) labelRow.append(cell("th", name.replaceAll("/", "/\u200b"), "col"));
  head.append(titleRow, labelRow);
  const body = document.createElement("tbody");
  const buttons = [];
  data.labels.forEach((name, i) => {
    const row = document.createElement("tr");
    row.append(cell("th", name, "row"));
    data.text[i].forEach((text, j) => {
      const td = document.createElement("td");
      const b = cell("button", text, i === j ? "diag" : "");
      b.type = "button";
      b.style.background = data.background[i][j];
      b.style.color = data.color[i][j];
      b.title = data.hover[i][j];
      b.dataset.cell = `${i},${j}`;
      b.setAttribute("aria-pressed", String(data.selected?.[0] === i && data.selected?.[1] === j));
      b.onclick = () => {
        for (const other of buttons) other.setAttribute("aria-pressed", String(other === b));
        setTriggerValue("cell", [i, j]);
      };
      buttons.push(b);
      td.append(b);
      row.append(td);
    });
    body.append(row);
  });
  table.append(head, body);
  box.replaceChildren(table);
  box.scrollLeft = scrolled;
}
