package io.pitchey.api.timing;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A response that counts the body bytes written through {@link #getOutputStream()}: the bytes sent,
 * after any compression, since Javalin compresses above this layer. Output written through {@code
 * getWriter()} is not counted; Javalin never uses it.
 */
final class ByteCountingResponse extends HttpServletResponseWrapper {
  private final LongAdder written = new LongAdder();
  private @Nullable CountingStream stream;

  ByteCountingResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public synchronized ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new CountingStream(super.getOutputStream(), written);
    }
    return stream;
  }

  long bytesWritten() {
    return written.sum();
  }

  private static final class CountingStream extends ServletOutputStream {
    private final ServletOutputStream delegate;
    private final LongAdder written;

    CountingStream(ServletOutputStream delegate, LongAdder written) {
      this.delegate = delegate;
      this.written = written;
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
      written.increment();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      delegate.write(bytes, offset, length);
      written.add(length);
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      delegate.setWriteListener(listener);
    }
  }
}
