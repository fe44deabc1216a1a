// Datasette, made for reading the dataset (served at /hpnlp/ with --static, listed in metadata.json).
document.addEventListener("DOMContentLoaded", () => {
    // Column descriptions: folded into a <details> line above the rows, and shown on hover over each header.
    document.querySelectorAll("dl.column-descriptions").forEach((dl) => {
        const details = document.createElement("details");
        details.className = "hpnlp-descriptions";
        const summary = document.createElement("summary");
        summary.textContent = `Column descriptions (${dl.querySelectorAll("dt").length})`;
        dl.replaceWith(details);
        details.append(summary, dl);
    });
    document.querySelectorAll("th[data-column-description]").forEach((th) => {
        th.title = th.dataset.columnDescription;
    });
    // A row page: the one-row table becomes a column name / value list, so long texts get the full width.
    if (document.body.classList.contains("row")) {
        document.querySelectorAll("table.rows-and-columns").forEach((table) => {
            const names = [...table.querySelectorAll("thead th")].map((th) => th.dataset.column || th.textContent.trim());
            const cells = [...table.querySelectorAll("tbody tr:first-child td")];
            const body = document.createElement("tbody");
            cells.forEach((td, i) => {
                const tr = body.insertRow();
                const th = document.createElement("th");
                th.scope = "row";
                th.textContent = names[i] || "";
                tr.append(th, td);
            });
            table.replaceChildren(body);
            table.classList.add("hpnlp-vertical");
        });
    }
});
