#include "fake_openai_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <chrono>
#include <deque>

namespace roiname::testing {

using nlohmann::json;

ScriptedReply chat_completion(const std::string& content, const std::string& reasoning_content,
                              int prompt_tokens, int completion_tokens) {
  json message = {{"role", "assistant"}, {"content", content}};
  if (!reasoning_content.empty()) message["reasoning_content"] = reasoning_content;
  const json body = {{"id", "chatcmpl-test"},
                     {"object", "chat.completion"},
                     {"model", "fake-model"},
                     {"choices", {{{"index", 0}, {"message", message}, {"finish_reason", "stop"}}}},
                     {"usage",
                      {{"prompt_tokens", prompt_tokens},
                       {"completion_tokens", completion_tokens},
                       {"total_tokens", prompt_tokens + completion_tokens}}}};
  return ScriptedReply{200, body.dump(), {}, 0};
}

ScriptedReply http_error(int status, const std::string& message) {
  return ScriptedReply{status, json{{"error", {{"message", message}}}}.dump(), {}, 0};
}

struct FakeOpenAiServer::Impl {
  httplib::Server server;
  mutable std::mutex mutex;
  std::deque<ScriptedReply> queue;
  std::function<ScriptedReply(const json&)> handler;
  std::vector<json> requests;
  std::vector<std::string> authorizations;
};

FakeOpenAiServer::FakeOpenAiServer() : impl_(std::make_unique<Impl>()) {
  impl_->server.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
    ScriptedReply reply;
    {
      std::lock_guard lock(impl_->mutex);
      json body = json::parse(req.body, nullptr, false);
      impl_->requests.push_back(body);
      impl_->authorizations.push_back(req.get_header_value("Authorization"));
      if (!impl_->queue.empty()) {
        reply = impl_->queue.front();
        impl_->queue.pop_front();
      } else if (impl_->handler) {
        reply = impl_->handler(body);
      } else {
        reply = http_error(500, "script exhausted");
      }
    }
    if (reply.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(reply.delay_ms));
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value.c_str());
    res.set_content(reply.body, "application/json");
  });
  port_ = impl_->server.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { impl_->server.listen_after_bind(); });
}

FakeOpenAiServer::~FakeOpenAiServer() {
  impl_->server.stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeOpenAiServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeOpenAiServer::push(ScriptedReply reply) {
  std::lock_guard lock(impl_->mutex);
  impl_->queue.push_back(std::move(reply));
}

void FakeOpenAiServer::set_handler(std::function<ScriptedReply(const json&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->handler = std::move(handler);
}

int FakeOpenAiServer::request_count() const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<int>(impl_->requests.size());
}

std::vector<json> FakeOpenAiServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::vector<std::string> FakeOpenAiServer::authorizations() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->authorizations;
}

std::string closed_port_url() {
  // Bind a port without listening, then release it: connecting is refused.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

}  // namespace roiname::testing

namespace roiname::testing {

std::function<ScriptedReply(const json&)> stage_answering_handler(std::map<std::string, ModelAnswer> answers,
                                                                  std::string site) {
  return [answers = std::move(answers), site = std::move(site)](const json& body) {
    const std::string system = body["messages"][0]["content"];
    const std::string user = body["messages"][1]["content"];
    if (system.find("treated anatomical site") != std::string::npos)
      return chat_completion(json{{"site", site}}.dump());
    const bool classes = system.starts_with("Classify");
    json rois = json::array();
    std::size_t start = 0;
    while (start < user.size()) {
      std::size_t end = user.find('\n', start);
      if (end == std::string::npos) end = user.size();
      const std::string line = user.substr(start, end - start);
      start = end + 1;
      if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) continue;
      const std::size_t space = line.find(' ');
      const int id = std::stoi(line.substr(0, space));
      // The raw name is a JSON string right after the id.
      std::string raw;
      std::size_t close = space + 2;
      for (bool escaped = false; close < line.size(); ++close) {
        if (escaped)
          escaped = false;
        else if (line[close] == '\\')
          escaped = true;
        else if (line[close] == '"')
          break;
      }
      raw = json::parse(line.substr(space + 1, close - space)).get<std::string>();
      auto found = answers.find(raw);
      const ModelAnswer answer = found != answers.end() ? found->second : ModelAnswer{"AUX", "unknown"};
      if (classes)
        rois.push_back({{"id", id}, {"class", answer.roi_class}});
      else
        rois.push_back({{"id", id}, {"name", answer.name}});
    }
    return chat_completion(json{{"rois", rois}}.dump());
  };
}

}  // namespace roiname::testing
