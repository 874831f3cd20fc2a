// A scripted OpenAI-compatible server on 127.0.0.1 for the LLM tests: it
// answers POST /v1/chat/completions from a queue of replies (or a handler),
// counts and records requests, and never reaches the internet.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace roiname::testing {

struct ScriptedReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  int delay_ms = 0;  // sleep before answering
};

// A 200 chat completion whose message content is `content`, with an
// optional `reasoning_content` and usage counts.
ScriptedReply chat_completion(const std::string& content, const std::string& reasoning_content = "",
                              int prompt_tokens = 100, int completion_tokens = 20);

// An error status with a small JSON error body.
ScriptedReply http_error(int status, const std::string& message = "error");

class FakeOpenAiServer {
 public:
  FakeOpenAiServer();  // listens on a free loopback port
  ~FakeOpenAiServer();
  FakeOpenAiServer(const FakeOpenAiServer&) = delete;
  FakeOpenAiServer& operator=(const FakeOpenAiServer&) = delete;

  std::string base_url() const;  // "http://127.0.0.1:<port>"
  int port() const { return port_; }

  // Replies are served in order; when the queue is empty the handler (if
  // set) answers, else a 500 "script exhausted".
  void push(ScriptedReply reply);
  void set_handler(std::function<ScriptedReply(const nlohmann::json& request)> handler);

  int request_count() const;
  std::vector<nlohmann::json> requests() const;     // bodies as received
  std::vector<std::string> authorizations() const;  // Authorization headers as received

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::thread thread_;
};

// A loopback URL where nothing listens (connection refused).
std::string closed_port_url();

}  // namespace roiname::testing

namespace roiname::testing {

// What a well-behaved model answers per raw name.
struct ModelAnswer {
  std::string roi_class;  // "TV", "OAR", "AUX", "DOSE"
  std::string name;       // standard name
};

// A handler for FakeOpenAiServer that answers the three roiname stages
// correctly from `answers` (keyed by raw name) and `site`, reading the ROI
// lines of the prompt; raw names missing from `answers` get AUX/"unknown".
std::function<ScriptedReply(const nlohmann::json&)> stage_answering_handler(
    std::map<std::string, ModelAnswer> answers, std::string site);

}  // namespace roiname::testing
