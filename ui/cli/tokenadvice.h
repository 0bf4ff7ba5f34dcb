#pragma once

namespace Net {
class Session;
}

namespace Cli {

// Where a CLI user sets each hub's token (HF_TOKEN, CIVITAI_API_TOKEN, or the settings), for
// the 401/403 sentences of every command that talks to a hub. The composition root gives it
// to the process's session once, after the session knows where each hub lives.
void adviseTokensFromEnvironment(Net::Session *session);

}  // namespace Cli
