// Kanban drag and drop: native HTML5 events, the move posted with htmx.ajax; the per-card
// form is the keyboard and no-JavaScript fallback.
(function () {
  const board = document.getElementById("board");
  if (!board) return;
  const urlFor = (slug) => board.dataset.moveUrlTemplate.replace("SLUG", slug);
  board.addEventListener("dragstart", (e) => {
    const card = e.target.closest(".board-card");
    if (card) e.dataTransfer.setData("text/plain", card.dataset.slug);
  });
  board.addEventListener("dragover", (e) => {
    if (e.target.closest(".board-column")) e.preventDefault();
  });
  board.addEventListener("drop", (e) => {
    const column = e.target.closest(".board-column");
    const slug = e.dataTransfer.getData("text/plain");
    const card = document.getElementById("card-" + slug);
    if (!column || !card || card.dataset.stage === column.dataset.stage) return;
    e.preventDefault();
    const origin = card.parentElement;
    // A refused move (its message shows in #flash) puts the card back where it was.
    card.addEventListener("htmx:responseError", () => origin.appendChild(card), { once: true });
    column.querySelector(".board-cards").appendChild(card);
    htmx.ajax("POST", urlFor(slug), {
      source: card, target: card, swap: "outerHTML", values: { stage: column.dataset.stage, reason: "" },
    });
  });
})();
