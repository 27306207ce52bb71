package io.pitchey.web.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the static assets: each source file is minified, has its {@code /static/...} references
 * rewritten to hashed names, is named by its content hash and pre-compressed, then written with its
 * {@code .br} and {@code .gz} variants and listed in {@code manifest.json}.
 *
 * <p>The output depends only on the sources: the same sources give the same bytes, whatever the
 * machine, clock or file order.
 *
 * <p>Run by Maven ({@code process-classes}) as {@code AssetPipeline <sources> <output> [<size
 * table>]}.
 */
public final class AssetPipeline {
  private AssetPipeline() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException(
          "usage: AssetPipeline <source folder> <output folder> [<size table file>]");
    }
    List<BuiltAsset> assets = build(Path.of(args[0]), Path.of(args[1]));
    if (args.length == 3) {
      Path table = Path.of(args[2]);
      Files.createDirectories(table.toAbsolutePath().getParent());
      Files.writeString(table, Manifest.sizeTable(assets), StandardCharsets.UTF_8);
    }
  }

  /** Builds every asset under {@code sources} into {@code output}, which is emptied first. */
  public static List<BuiltAsset> build(Path sources, Path output) throws IOException {
    Map<AssetKind, List<Path>> byKind = sourcesByKind(sources);
    References references = new References();
    List<BuiltAsset> assets = new ArrayList<>();
    for (Map.Entry<AssetKind, List<Path>> kind : byKind.entrySet()) {
      Minifier minifier = kind.getKey().newMinifier();
      for (Path source : kind.getValue()) {
        BuiltAsset asset = buildOne(source, kind.getKey(), minifier, references);
        references.add(asset);
        assets.add(asset);
      }
    }
    write(assets, output);
    return assets;
  }

  private static BuiltAsset buildOne(
      Path source, AssetKind kind, Minifier minifier, References references) throws IOException {
    String name = source.getFileName().toString();
    byte[] raw = Files.readAllBytes(source);
    String text = new String(raw, StandardCharsets.UTF_8);
    // minify first, so references in comments are gone before they are checked
    String minified = references.rewrite(name, minifier.minify(name, text));
    return BuiltAsset.of(name, kind, raw.length, minified);
  }

  /** The source files by kind in build order, each kind's files by name. */
  private static Map<AssetKind, List<Path>> sourcesByKind(Path sources) throws IOException {
    Map<AssetKind, List<Path>> byKind = new EnumMap<>(AssetKind.class);
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
          throw new AssetBuildException(name + ": sub-folders are not supported; keep assets flat");
        }
        AssetKind kind =
            AssetKind.of(name)
                .orElseThrow(
                    () -> new AssetBuildException(name + ": no AssetKind for this extension"));
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(file);
      }
    }
    return byKind;
  }

  private static void write(List<BuiltAsset> assets, Path output) throws IOException {
    deleteRecursively(output); // no file of an earlier build may linger under a stale name
    Files.createDirectories(output);
    for (BuiltAsset asset : assets) {
      Files.write(output.resolve(asset.file()), asset.minified());
      Files.write(output.resolve(asset.file() + ".br"), asset.brotli());
      Files.write(output.resolve(asset.file() + ".gz"), asset.gzip());
    }
    Files.write(output.resolve(Manifest.FILE_NAME), Manifest.json(assets));
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
