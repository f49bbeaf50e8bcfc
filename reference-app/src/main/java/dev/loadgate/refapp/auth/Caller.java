package dev.loadgate.refapp.auth;

import java.util.UUID;

/**
 * The signed-in user making a request.
 *
 * @param id the user (and profile) id
 * @param email the e-mail
 * @param role subscriber, employee or admin
 * @param adminSubRole super_admin or attorney_admin for admins (null counts as super_admin), else
 *     null
 */
public record Caller(UUID id, String email, String role, String adminSubRole) {
  public boolean isAdmin() {
    return role.equals("admin");
  }

  public boolean isSuperAdmin() {
    return isAdmin() && (adminSubRole == null || adminSubRole.equals("super_admin"));
  }
}
