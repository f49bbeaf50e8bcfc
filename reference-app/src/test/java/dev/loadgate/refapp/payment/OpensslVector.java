package dev.loadgate.refapp.payment;

/**
 * A signature computed outside Java: {@code printf '1800000000.{"id":"evt_1"}' | openssl dgst
 * -sha256 -hmac whsec_test}.
 */
final class OpensslVector {
  static final String V1 = "45705be2a45ab5acdd1395cc695e9e7073125385ec24194921c401dff44176f8";

  private OpensslVector() {}
}
