package dev.loadgate.cli.safety;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.LoadgateHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an allow-list file: one host or {@code *.domain} pattern per line; blank lines and text
 * after {@code #} are ignored. Every malformed line is reported with its line number.
 */
public final class AllowListFile {
  private static final Pattern HOST =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

  private AllowListFile() {}

  public static List<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(
          "--allow-list: file not found (expected a readable file of host names, got "
              + LoadgateHome.display(file)
              + ").");
    } catch (IOException e) {
      throw new BadInputException(
          "--allow-list: cannot read " + LoadgateHome.display(file) + " (" + e.getMessage() + ").");
    }
    List<String> hosts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (!HOST.matcher(entry).matches()) {
        problems.add(
            LoadgateHome.display(file)
                + ":"
                + (i + 1)
                + ": not a host name (expected e.g. staging.example.com or *.preview.example.com,"
                + " got \""
                + entry
                + "\"). Write hosts without scheme, port or path.");
      } else {
        hosts.add(entry);
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return List.copyOf(hosts);
  }
}
