// Small helpers the webviews (preview, comparison table) share, with no Node module: the
// web extension has neither `path` nor `crypto` to lean on.
import type * as vscode from 'vscode';

/** A fresh nonce for a webview's Content Security Policy. */
export function nonceOf(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/** The file name of a URI. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
