package dev.custos.service.policyfile;

/**
 * A user's value as an error message shows it: in single quotes, on one line, at most 40
 * characters. Never used for destination entries, which might hold a pasted private key.
 */
final class Quoted {
  private static final int MAX = 40;

  private Quoted() {}

  static String of(String value) {
    StringBuilder b = new StringBuilder("'");
    int n = Math.min(value.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return b.append(value.length() > MAX ? "…'" : "'").toString();
  }
}
