package io.pitchey.web.build;

import com.google.javascript.jscomp.AbstractCommandLineRunner;
import com.google.javascript.jscomp.CompilationLevel;
import com.google.javascript.jscomp.Compiler;
import com.google.javascript.jscomp.CompilerOptions;
import com.google.javascript.jscomp.CompilerOptions.LanguageMode;
import com.google.javascript.jscomp.JSError;
import com.google.javascript.jscomp.Result;
import com.google.javascript.jscomp.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JavaScript through the Closure Compiler's simple optimisations: comments and whitespace go, local
 * names are shortened, dead code is dropped; globals, property names and string literals (such as
 * the element ids the page uses) are kept. Output is ECMAScript 2020, which every current browser
 * runs.
 */
final class ClosureJsMinifier implements Minifier {
  private final List<SourceFile> externs;

  ClosureJsMinifier() {
    try {
      // the browser's globals (document, fetch, ...): known to the compiler, never renamed
      this.externs =
          AbstractCommandLineRunner.getBuiltinExterns(CompilerOptions.Environment.BROWSER);
    } catch (IOException e) {
      throw new UncheckedIOException("the Closure Compiler's externs cannot be read", e);
    }
  }

  @Override
  public String minify(String name, String source) {
    CompilerOptions options = new CompilerOptions();
    CompilationLevel.SIMPLE_OPTIMIZATIONS.setOptionsForCompilationLevel(options);
    options.setLanguageIn(LanguageMode.ECMASCRIPT_NEXT);
    options.setLanguageOut(LanguageMode.ECMASCRIPT_2020);
    Compiler compiler = new Compiler(System.err);
    compiler.disableThreads(); // deterministic and cheap for a few small files
    Result result = compiler.compile(externs, List.of(SourceFile.fromCode(name, source)), options);
    if (!result.success) {
      throw new AssetBuildException(name + " does not compile: " + describe(result.errors));
    }
    return compiler.toSource();
  }

  private static String describe(List<JSError> errors) {
    return errors.stream().map(JSError::toString).collect(Collectors.joining("; "));
  }
}
