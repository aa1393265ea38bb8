/*
 * Exhibition pages, progressively enhanced. Without this script every link still works: a tile opens the work's
 * page, an image on the work's page opens the large JPEG, and the share links are plain links.
 *
 * - Lightbox: the items ([data-lightbox-item]) of each group ([data-lightbox]) open in PhotoSwipe 5 (vendored in
 *   vendor/photoswipe by frontend/vendor.sh; nothing is fetched from another host). Each slide has a caption:
 *   the tile's <figcaption>, or the title and credit given on the link (data-caption-title,
 *   data-caption-credit). Keyboard, focus return and swipe are PhotoSwipe's own; its focus trap is completed so
 *   Tab wraps around inside the dialog; no zoom animation when the visitor prefers reduced motion.
 * - "Copy link": the share block's hidden button is shown when the clipboard can be written, and says so in its
 *   status line (the texts come from the template, so they are translated there).
 *
 * The <script> element carries the URLs of the vendored modules (so the static files' hashed names are used in
 * production) and the translated labels of the lightbox's buttons, as data-* attributes.
 */

const script = document.querySelector("script[data-lightbox-script]");
const settings = script ? script.dataset : {};
const vendored = (name) => new URL(`./vendor/photoswipe/${name}`, import.meta.url).href;
const lightboxModuleUrl = settings.photoswipeLightbox || vendored("photoswipe-lightbox.esm.min.js");
const coreModuleUrl = settings.photoswipe || vendored("photoswipe.esm.min.js");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/* ---- Captions ---------------------------------------------------------------------------------- */

/** The caption of one item, as nodes: a copy of its figure's <figcaption>, or the title and credit of its link. */
function captionNodes(link) {
  const fragment = document.createDocumentFragment();
  const figcaption = link.closest("figure")?.querySelector("figcaption");
  if (figcaption) {
    for (const node of figcaption.childNodes) {
      fragment.append(node.cloneNode(true));
    }
    for (const element of fragment.querySelectorAll("[id]")) {
      element.removeAttribute("id");
    }
    return fragment;
  }
  const { captionTitle, captionCredit } = link.dataset;
  if (captionTitle) {
    const title = document.createElement("span");
    title.className = "pswp__caption-title";
    title.textContent = captionTitle;
    fragment.append(title);
  }
  if (captionCredit) {
    fragment.append(" "); // read apart, not run together
    const credit = document.createElement("span");
    credit.className = "pswp__caption-credit";
    credit.textContent = captionCredit;
    fragment.append(credit);
  }
  return fragment;
}

/* ---- The dialog ------------------------------------------------------------------------------- */

function tabbable(root) {
  return [...root.querySelectorAll('a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])')].filter(
    (element) => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden",
  );
}

/**
 * PhotoSwipe's trapFocus brings focus back when it lands on the page behind, but Tab from the dialog's last
 * control first leaves the document (to the browser's own bar). Wrap around instead, both ways. The event itself
 * is left to PhotoSwipe, which moves focus into the dialog on the first Tab and remembers to give it back.
 */
function wrapFocus(pswp) {
  pswp.on("keydown", ({ originalEvent: event }) => {
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const controls = tabbable(pswp.element);
    if (!controls.length) {
      return;
    }
    const active = document.activeElement;
    const outside = !pswp.element.contains(active);
    if (event.shiftKey && (outside || active === pswp.element || active === controls[0])) {
      event.preventDefault();
      controls.at(-1).focus();
    } else if (!event.shiftKey && (outside || active === controls.at(-1))) {
      event.preventDefault();
      controls[0].focus();
    }
  });
}

function registerDialogParts(lightbox) {
  lightbox.on("uiRegister", () => {
    const { pswp } = lightbox;
    // A modal dialog with a name, so assistive technology announces it and leaves the page behind alone.
    pswp.element.setAttribute("aria-modal", "true");
    if (settings.labelDialog) {
      pswp.element.setAttribute("aria-label", settings.labelDialog);
    }
    wrapFocus(pswp);
    pswp.ui.registerElement({
      name: "caption",
      order: 9,
      isButton: false,
      appendTo: "root",
      onInit: (element) => {
        element.setAttribute("aria-live", "polite");
        pswp.on("change", () => {
          const link = pswp.currSlide?.data.element;
          element.replaceChildren(link ? captionNodes(link) : "");
          element.hidden = !element.textContent.trim();
        });
      },
    });
  });
}

/* ---- Lightbox ---------------------------------------------------------------------------------- */

/** What PhotoSwipe needs of one item, read from the link's data-* attributes and its <img>. */
function itemData(data, element) {
  const link = element.matches("a") ? element : element.querySelector("a") || element;
  data.src = link.dataset.large || link.href;
  data.width = Number.parseInt(link.dataset.width, 10) || 0;
  data.height = Number.parseInt(link.dataset.height, 10) || 0;
  data.w = data.width;
  data.h = data.height;
  // The JPEG widths the page already lists: a phone takes a smaller one than the large link.
  const srcset = link.querySelector("img")?.getAttribute("srcset");
  if (srcset) {
    data.srcset = srcset;
  }
  return data;
}

/** Room for the top bar and the caption, so neither hides the work. */
function padding(viewport) {
  const narrow = viewport.x < 600;
  return { top: narrow ? 48 : 60, bottom: narrow ? 88 : 96, left: narrow ? 0 : 16, right: narrow ? 0 : 16 };
}

/** No zooming in and out for visitors who ask for reduced motion (PhotoSwipe checks too, when it opens). */
function motion() {
  const reduced = reducedMotion.matches;
  return { showHideAnimationType: reduced ? "none" : "zoom", zoomAnimationDuration: reduced ? 0 : 333 };
}

/** The buttons' and error's translated texts the page gives (PhotoSwipe's English ones for any it does not). */
function labels() {
  const options = {
    closeTitle: settings.labelClose,
    zoomTitle: settings.labelZoom,
    arrowPrevTitle: settings.labelPrevious,
    arrowNextTitle: settings.labelNext,
    errorMsg: settings.labelError,
  };
  return Object.fromEntries(Object.entries(options).filter(([, text]) => text));
}

async function startLightbox() {
  const groups = [...document.querySelectorAll("[data-lightbox]")].filter((group) =>
    group.querySelector("[data-lightbox-item]"),
  );
  if (!groups.length) {
    return;
  }
  const { default: PhotoSwipeLightbox } = await import(lightboxModuleUrl);
  const lightbox = new PhotoSwipeLightbox({
    gallery: groups,
    children: "[data-lightbox-item]",
    pswpModule: () => import(coreModuleUrl),
    ...motion(),
    trapFocus: true,
    returnFocus: true,
    paddingFn: padding,
    bgOpacity: 0.95,
    ...labels(),
  });
  reducedMotion.addEventListener("change", () => Object.assign(lightbox.options, motion()));
  lightbox.addFilter("domItemData", itemData);
  registerDialogParts(lightbox);
  lightbox.init();
  for (const group of groups) {
    for (const item of group.querySelectorAll("[data-lightbox-item]")) {
      item.setAttribute("aria-haspopup", "dialog");
    }
  }
}

/* ---- Copy link --------------------------------------------------------------------------------- */

function announce(status, text) {
  if (!status) {
    return;
  }
  // Emptied first, so the same words said twice are announced twice.
  status.textContent = "";
  window.clearTimeout(status.vitrineTimer);
  window.setTimeout(() => {
    status.textContent = text;
    status.vitrineTimer = window.setTimeout(() => {
      status.textContent = "";
    }, 4000);
  }, 50);
}

function startCopyLinks() {
  if (!navigator.clipboard || !window.isSecureContext) {
    return; // the button stays hidden: the address bar is the way to copy
  }
  for (const button of document.querySelectorAll("[data-copy-link]")) {
    const status = button.closest(".share-links")?.querySelector(".share-links__copied");
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copyLink || window.location.href);
        announce(status, button.dataset.copiedLabel || "");
      } catch {
        announce(status, button.dataset.copyFailedLabel || "");
      }
    });
  }
}

/* ---- Print ------------------------------------------------------------------------------------- */

// Lazy images below the fold are fetched before printing, so a printout has every work.
window.addEventListener("beforeprint", () => {
  for (const image of document.querySelectorAll('img[loading="lazy"]')) {
    image.loading = "eager";
  }
});

startCopyLinks();
startLightbox().catch((error) => {
  // The links keep working without the lightbox.
  console.error("Lightbox unavailable:", error);
});
