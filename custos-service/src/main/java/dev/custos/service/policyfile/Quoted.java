package dev.custos.service.policyfile;

/**
 * A user's value as an error message shows it: in single quotes, on one line, at most 40
 * characters. Never used for destination entries, which might hold a pasted private key.
 */
final class Quoted {
  private static final int MAX = 40;

  private Quoted() {}

  static String of(String value) {
    return "'" + printable(value.length() > MAX ? value.substring(0, MAX) : value) + (value.length() > MAX ? "…'" : "'");
  }

  /** {@code text} with every control, format, line- or paragraph-separator character, and lone surrogate half, as '?'. */
  static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      boolean unprintable = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
      b.append(unprintable ? '?' : c);
    }
    return b.toString();
  }
}
