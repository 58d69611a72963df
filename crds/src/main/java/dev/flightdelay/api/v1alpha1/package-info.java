/**
 * The flightdelay.dev/v1alpha1 API: DataBucket, SparkHost and DelayAnalysis.
 *
 * <p>The CRDs under {@code crds/} are generated from these classes; the descriptions here are what
 * {@code kubectl explain} shows. Cross-field rules are CEL rules ({@code x-kubernetes-validations})
 * so the API server refuses bad input before the operator sees it.
 */
package dev.flightdelay.api.v1alpha1;
