// The freeDiameter configuration written for an S13 node, and the config checks made before
// freeDiameter is started.
#include "openceir/s13/s13_server_config.h"

#include <gtest/gtest.h>

namespace openceir::s13 {
namespace {

S13ServerConfig ValidConfig() {
  S13ServerConfig config;
  config.identity = "eir.example.org";
  config.realm = "example.org";
  config.listen_address = "127.0.0.1";
  config.port = 3869;
  // Any readable file passes the check; freeDiameter reads them as PEM at start.
  config.tls_cert_file = "/etc/hostname";
  config.tls_key_file = "/etc/hostname";
  config.tls_ca_file = "/etc/hostname";
  config.allowed_peers = {"*.epc.example.org", "mme9.example.net"};
  config.peers = {{"mme1.epc.example.org", "192.0.2.10", 3868}};
  config.work_dir = "/tmp";
  return config;
}

TEST(FreeDiameterConfTextTest, WritesIdentityPortsTlsDictionariesAclAndPeers) {
  const std::string text = FreeDiameterConfText(ValidConfig(), "/run/eir/acl_wl.conf");
  for (const char* line : {
           "Identity = \"eir.example.org\";\n",
           "Realm = \"example.org\";\n",
           "Port = 3869;\n",
           "SecPort = 0;\n",
           "No_SCTP;\n",
           "ListenOn = \"127.0.0.1\";\n",
           "AppServThreads = 4;\n",
           "TLS_Cred = \"/etc/hostname\", \"/etc/hostname\";\n",
           "TLS_CA = \"/etc/hostname\";\n",
           "LoadExtension = \"/usr/lib/freeDiameter/dict_nasreq.fdx\";\n"
           "LoadExtension = \"/usr/lib/freeDiameter/dict_dcca.fdx\";\n"
           "LoadExtension = \"/usr/lib/freeDiameter/dict_dcca_3gpp.fdx\";\n",
           "LoadExtension = \"/usr/lib/freeDiameter/acl_wl.fdx\" : \"/run/eir/acl_wl.conf\";\n",
           "ConnectPeer = \"mme1.epc.example.org\" { ConnectTo = \"192.0.2.10\"; Port = 3868; "
           "No_TLS; No_SCTP; };\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nnot in:\n" << text;
  }
}

TEST(FreeDiameterConfTextTest, LeavesListenOnOutForEveryAddress) {
  S13ServerConfig config = ValidConfig();
  config.listen_address.clear();
  EXPECT_EQ(FreeDiameterConfText(config, "acl").find("ListenOn"), std::string::npos);
}

TEST(AclFileTextTest, AllowsEachPeerWithoutTls) {
  EXPECT_EQ(AclFileText(ValidConfig()),
            "# Peers that may connect without TLS (written by OpenCEIR's S13 server).\n"
            "ALLOW_IPSEC *.epc.example.org\n"
            "ALLOW_IPSEC mme9.example.net\n");
}

TEST(ValidateS13ServerConfigTest, AcceptsAValidConfig) {
  EXPECT_TRUE(ValidateS13ServerConfig(ValidConfig()).ok());
}

TEST(ValidateS13ServerConfigTest, NamesTheBadField) {
  struct Case {
    void (*change)(S13ServerConfig&);
    const char* message_part;
  };
  const Case cases[] = {
      {[](S13ServerConfig& c) { c.identity.clear(); }, "identity is empty"},
      {[](S13ServerConfig& c) { c.realm = "exa\"mple"; }, "realm 'exa\"mple' holds a quote"},
      {[](S13ServerConfig& c) { c.port = 0; }, "port is 0"},
      {[](S13ServerConfig& c) { c.tls_port = 3869; }, "tls_port is the TCP port 3869"},
      {[](S13ServerConfig& c) { c.tls_cert_file = "/nonexistent/cert.pem"; },
       "tls_cert_file '/nonexistent/cert.pem' cannot be read"},
      {[](S13ServerConfig& c) { c.allowed_peers = {"a b"}; }, "holds a space"},
      {[](S13ServerConfig& c) { c.peers[0].port = 0; }, "peer 'mme1.epc.example.org' has port 0"},
      {[](S13ServerConfig& c) { c.dispatch_threads = 0; }, "dispatch_threads < 1"},
      {[](S13ServerConfig& c) { c.work_dir.clear(); }, "work_dir is empty"},
  };
  for (const Case& c : cases) {
    S13ServerConfig config = ValidConfig();
    c.change(config);
    const Status status = ValidateS13ServerConfig(config);
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << c.message_part;
    EXPECT_NE(status.message().find(c.message_part), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace openceir::s13
