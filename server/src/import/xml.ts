// Reading the XML parts of a Word package: elements by local name, attributes by local name.
// Namespaces are ignored on purpose: Word writes the `w:` prefix, "strict" Open XML files
// another namespace URI for the same names, and both read alike.
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export type { Element };

/** A part is damaged (not well-formed XML): the caller reports the file as damaged. */
export class XmlError extends Error {}

const ELEMENT_NODE = 1;

export function parseXml(source: string, part: string): Element {
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: false,
      // Word writes well-formed XML: any error means the part was damaged on the way.
      onError: (level, message) => {
        if (level !== 'warning') throw new XmlError(`${part}: ${message}`);
      },
    }).parseFromString(source, 'text/xml');
  } catch (e) {
    throw new XmlError(`${part}: ${(e as Error).message}`);
  }
  const root = doc.documentElement;
  if (!root) throw new XmlError(`${part}: no root element`);
  return root;
}

/** The element children of `el`, in order. */
export function children(el: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** The first child element named `name` (local name). */
export function child(el: Element | undefined, name: string): Element | undefined {
  if (!el) return undefined;
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE && (n as Element).localName === name) return n as Element;
  return undefined;
}

/** Every child element named `name`. */
export function childrenNamed(el: Element | undefined, name: string): Element[] {
  return el ? children(el).filter((c) => c.localName === name) : [];
}

/** Follows a path of child names: `path(pPr, 'numPr', 'numId')`. */
export function path(el: Element | undefined, ...names: string[]): Element | undefined {
  let at = el;
  for (const name of names) at = child(at, name);
  return at;
}

/** An attribute by local name (`w:val` → `val`), whatever its prefix. */
export function attr(el: Element | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const direct = el.getAttribute(`w:${name}`);
  if (direct !== null && direct !== '') return direct;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (a && (a.localName === name || a.name === name)) return a.value;
  }
  return direct ?? undefined;
}

/** `w:val` of the child `name`. */
export function val(el: Element | undefined, name: string): string | undefined {
  return attr(child(el, name), 'val');
}

/**
 * An on/off property (`<w:i/>`, `<w:i w:val="false"/>`): true, false, or undefined when the
 * element is absent (the style decides).
 */
export function toggle(el: Element | undefined, name: string): boolean | undefined {
  const c = child(el, name);
  if (!c) return undefined;
  const v = attr(c, 'val');
  return v === undefined || !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}

/** An integer attribute, clamped to [min, max]; `fallback` when absent or not a number. */
export function intAttr(el: Element | undefined, name: string, fallback: number, min: number, max: number): number {
  const raw = attr(el, name);
  const n = raw === undefined ? NaN : parseInt(raw, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** All descendant elements named `name`, in document order. */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of children(e)) {
      if (c.localName === name) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}
