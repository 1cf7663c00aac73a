package dev.parley.did.keystore;

import java.util.regex.Pattern;

/** The identity name rule: {@code [a-z0-9][a-z0-9._-]{0,63}} (safe as a file name). */
final class IdentityNames {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private IdentityNames() {}

  static void check(String name) throws InvalidIdentityNameException {
    if (name == null || !NAME.matcher(name).matches()) {
      String shown = name == null ? "null" : name.length() > 70 ? name.substring(0, 70) + "..." : name;
      throw new InvalidIdentityNameException("identity name \"" + shown + "\" is invalid: use 1-64 "
          + "characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    }
  }
}
