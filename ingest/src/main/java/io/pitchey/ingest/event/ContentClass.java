package io.pitchey.ingest.event;

/** The kind of content a route serves; each class has its own cache TTLs. */
public enum ContentClass {
  STATIC,
  USER,
  PITCH,
  SEARCH,
  REALTIME,
  OTHER
}
