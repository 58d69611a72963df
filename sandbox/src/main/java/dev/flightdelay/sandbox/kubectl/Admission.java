package dev.flightdelay.sandbox.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a mutating admission webhook does: the object as the server will store it. */
@FunctionalInterface
public interface Admission {

  /**
   * @param resource the plural resource name (databuckets, delayanalyses, ...)
   * @param object the object as written (may be changed and returned)
   */
  ObjectNode admit(String resource, ObjectNode object);
}
