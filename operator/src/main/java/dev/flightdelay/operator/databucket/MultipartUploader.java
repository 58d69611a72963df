package dev.flightdelay.operator.databucket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams an object of any size into S3, one part in memory at a time: a single PutObject when
 * it fits one part, the multipart API otherwise (aborted on failure, so no part is left billed).
 */
final class MultipartUploader {

  /** S3's smallest part (but the last). */
  static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  private static final int MAX_PARTS = 10_000;

  /** Checks the content once read, before the object is completed; throws to refuse it. */
  interface ContentCheck {
    void verify() throws IOException;
  }

  private MultipartUploader() {}

  /** Uploads and returns the ETag; progress gets the bytes written so far after each part. */
  static String upload(S3Client s3, String bucket, String key, InputStream in, long size,
      Map<String, String> metadata, ContentCheck check, LongConsumer progress) throws IOException {
    int partSize = (int) Math.max(MIN_PART_SIZE, size <= 0 ? 0 : Math.min(Integer.MAX_VALUE - 8, (size + MAX_PARTS - 1) / MAX_PARTS));
    byte[] buffer = new byte[partSize];
    int read = in.readNBytes(buffer, 0, partSize);
    if (read < partSize) {
      check.verify();
      int length = read;
      String etag =
          s3.putObject(p -> p.bucket(bucket).key(key).metadata(metadata).contentLength((long) length),
                  RequestBody.fromByteBuffer(ByteBuffer.wrap(buffer, 0, length)))
              .eTag();
      progress.accept(length);
      return etag;
    }
    String uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key(key).metadata(metadata)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long loaded = 0;
      int partNumber = 1;
      while (read > 0) {
        int number = partNumber++;
        int length = read;
        String etag =
            s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) length),
                    RequestBody.fromByteBuffer(ByteBuffer.wrap(buffer, 0, length)))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        loaded += length;
        progress.accept(loaded);
        read = in.readNBytes(buffer, 0, partSize);
      }
      check.verify();
      return s3.completeMultipartUpload(c -> c.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)))
          .eTag();
    } catch (IOException | RuntimeException e) {
      s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(uploadId));
      throw e;
    }
  }
}
