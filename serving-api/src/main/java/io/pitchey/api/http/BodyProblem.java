package io.pitchey.api.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What was wrong with a JSON request body, read from the exception Jackson threw while binding it
 * to a record ({@code ApiJson.mapper().readValue(body, Type.class)}): the problem type, a detail
 * for the client and the field at fault, as a JSON path ({@code pitch.tags[2]}) in the body's own
 * snake_case names.
 *
 * <ul>
 *   <li>not JSON at all (syntax, invalid UTF-8, trailing data): 400, naming line and column;
 *   <li>a field the type does not have: 400, naming it;
 *   <li>a value of the wrong type: 400, naming the field and the type expected;
 *   <li>a record constructor refusing the values ({@code IllegalArgumentException}, or a required
 *       field missing): 422 with the constructor's message, naming the field when the message
 *       starts with one of the record's field names.
 * </ul>
 *
 * A type that cannot be bound at all ({@link InvalidDefinitionException}) is our bug, not the
 * client's: {@link #of} gives nothing and the failure stays a 500.
 */
record BodyProblem(ProblemType type, String detail, @Nullable String field) {
  private static final PropertyNamingStrategies.NamingBase JSON_NAMES =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  static Optional<BodyProblem> of(JacksonException e) {
    if (e instanceof InvalidDefinitionException) {
      return Optional.empty();
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return Optional.of(
          new BodyProblem(
              ProblemType.VALIDATION,
              "Unknown field '"
                  + field
                  + "'; the body may hold only "
                  + unknown.getKnownPropertyIds()
                  + ".",
              field));
    }
    if (e instanceof ValueInstantiationException refused) {
      return Optional.of(refusedByConstructor(refused));
    }
    if (e instanceof MismatchedInputException mismatched) {
      return Optional.of(wrongType(mismatched));
    }
    if (e instanceof StreamReadException unreadable) {
      return Optional.of(
          new BodyProblem(
              ProblemType.VALIDATION,
              "The body is not valid JSON"
                  + at(unreadable.getLocation())
                  + ": "
                  + unreadable.getOriginalMessage(),
              null));
    }
    if (e.getCause() instanceof JacksonException cause && cause != e) {
      return of(cause); // a parser failure met while binding, wrapped with the field path
    }
    return Optional.empty();
  }

  private static BodyProblem wrongType(MismatchedInputException e) {
    String field = path(e);
    String expected = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
    if (field.isEmpty()) {
      return new BodyProblem(
          ProblemType.VALIDATION,
          "The body must be a JSON " + expected + at(e.getLocation()) + ".",
          null);
    }
    String was =
        e instanceof InvalidFormatException invalid ? "; was '" + invalid.getValue() + "'" : "";
    return new BodyProblem(
        ProblemType.VALIDATION,
        "Field '" + field + "' must be " + article(expected) + was + ".",
        field);
  }

  private static BodyProblem refusedByConstructor(ValueInstantiationException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String message = Optional.ofNullable(cause.getMessage()).orElse("").strip();
    String prefix = path(e);
    Optional<String> named =
        fieldNamedBy(message, e.getType() == null ? null : e.getType().getRawClass());
    String field = named.map(name -> prefix.isEmpty() ? name : prefix + "." + name).orElse(null);
    if (cause instanceof NullPointerException && named.isPresent()) {
      // Objects.requireNonNull(value, "name"): a required field is missing or null
      return new BodyProblem(
          ProblemType.UNPROCESSABLE, "Field '" + field + "' is required.", field);
    }
    String detail = message.isEmpty() ? "The body's values are not acceptable." : message;
    return new BodyProblem(ProblemType.UNPROCESSABLE, detail, field);
  }

  /** The record field the message starts with ("title must be ..."), in the body's names. */
  private static Optional<String> fieldNamedBy(String message, @Nullable Class<?> type) {
    if (type == null || !type.isRecord() || message.isEmpty()) {
      return Optional.empty();
    }
    String first = message.split("[\\s:,]", 2)[0];
    return Arrays.stream(type.getRecordComponents())
        .map(RecordComponent::getName)
        .filter(name -> name.equals(first) || JSON_NAMES.translate(name).equals(first))
        .map(JSON_NAMES::translate)
        .findFirst();
  }

  /** {@code a.b[2].c}, from the references Jackson collected on the way down. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String at(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String typeName(Class<?> type) {
    if (type == String.class || type.isEnum()) {
      return "string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == double.class
        || type == float.class
        || type == Double.class
        || type == Float.class
        || type == java.math.BigDecimal.class) {
      return "number";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "integer";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "array";
    }
    if (type.getPackageName().startsWith("java.time")) {
      return "ISO-8601 " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }
    return "object";
  }

  private static String article(String noun) {
    return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
