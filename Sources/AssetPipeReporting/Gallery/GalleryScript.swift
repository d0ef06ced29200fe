/// The gallery's only script, inline and allowed by its hash: the filter box. Plain DOM, no
/// framework. It shows the toolbar (hidden in the HTML, so that with scripts off nothing that
/// does nothing is shown) and hides the cards whose id and prompt do not contain every word
/// typed, or whose status is not the one chosen. With scripts off every card is visible.
enum GalleryScript {
    static let js = """
    (() => {
      const cards = Array.from(document.querySelectorAll("article.step"));
      const text = cards.map((card) => {
        const prompt = card.querySelector(".prompt summary");
        return (card.dataset.step + " " + (prompt ? prompt.textContent : "")).toLowerCase();
      });
      const bar = document.getElementById("toolbar");
      const box = document.getElementById("filter");
      const status = document.getElementById("status");
      const shown = document.getElementById("shown");
      const apply = () => {
        const words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
        const wanted = status.value;
        let count = 0;
        cards.forEach((card, index) => {
          const visible = (!wanted || card.dataset.status === wanted) && words.every((word) => text[index].includes(word));
          card.hidden = !visible;
          if (visible) count += 1;
        });
        shown.textContent = count === cards.length ? cards.length + " steps" : count + " of " + cards.length + " steps";
      };
      const reveal = () => {
        const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (target && target.hidden) { box.value = ""; status.value = ""; apply(); target.scrollIntoView(); }
      };
      box.addEventListener("input", apply);
      status.addEventListener("change", apply);
      window.addEventListener("hashchange", reveal);
      document.addEventListener("keydown", (event) => {
        if (event.key === "/" && document.activeElement !== box) { event.preventDefault(); box.focus(); }
      });
      bar.hidden = false;
      apply();
    })();
    """
}
