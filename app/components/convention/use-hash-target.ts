import { useEffect } from "react";

/**
 * Deep links to what the page renders late (an article of the live text, a comment fetched after load): when the
 * address has an anchor whose element is not there yet, wait for it (up to a deadline), then bring it into view and
 * give it the focus, so that keyboard and screen-reader users land where the link points.
 */
export function useHashTarget(timeoutMs = 15_000) {
  useEffect(() => {
    let observer: MutationObserver | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      observer?.disconnect();
      observer = null;
      clearTimeout(timer);
    };
    // An anchor whose element is already there is the browser's to follow (scroll, and the next Tab from it); taking the
    // focus here as well would pull it back from where the reader went meanwhile.
    const reach = () => {
      stop();
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!id || document.getElementById(id)) return;
      const land = () => {
        const element = document.getElementById(id);
        if (!element) return false;
        stop();
        element.scrollIntoView({ block: "start" });
        // Inside the editor the text is ProseMirror's to change: scrolled to, not touched.
        if (element.closest(".ProseMirror")) return true;
        if (!element.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName)) element.setAttribute("tabindex", "-1");
        element.focus({ preventScroll: true });
        return true;
      };
      observer = new MutationObserver(() => void land());
      observer.observe(document.body, { childList: true, subtree: true });
      timer = setTimeout(stop, timeoutMs);
    };
    reach();
    window.addEventListener("hashchange", reach);
    return () => {
      stop();
      window.removeEventListener("hashchange", reach);
    };
  }, [timeoutMs]);
}
