-- Neovim's own LSP client against `ctg lsp` (tests/editors.rs runs it):
--
--   CTG_BIN=target/debug/ctg CTG_FILE=conv.yaml CTG_OUT=out.json \
--     nvim --headless --clean -c 'luafile scripts/nvim-lsp.lua'
--
-- Loads the README's configuration (docs/editors/ctg.lua), opens the
-- convention (so ctg lsp attaches as it would for a user), waits for the diagnostics, asks hover, completion
-- and a definition at given places, applies the first code action of the
-- CTG205 finding, writes the file, and records every answer in CTG_OUT as
-- JSON for the test to check. Written for Neovim 0.7 (Debian 12) and later.
local bin, file, out = os.getenv('CTG_BIN'), os.getenv('CTG_FILE'), os.getenv('CTG_OUT')
local results = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, out)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  -- The README's configuration, as a user installs it: `ctg` from PATH.
  vim.env.PATH = vim.fn.fnamemodify(bin, ':h') .. ':' .. vim.env.PATH
  vim.cmd('luafile docs/editors/ctg.lua')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client
  vim.wait(10000, function()
    for id, _ in pairs(vim.lsp.buf_get_clients(buf)) do client = id end
    return client ~= nil
  end, 20)
  if not client then error('ctg lsp did not attach to the YAML buffer') end
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(results.diagnostics, { code = d.code, line = d.lnum + 1, severity = d.severity })
  end

  -- The position of `needle` (plus `shift` bytes) in UTF-16 units.
  local function at(needle, shift)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local s = string.find(line, needle, 1, true)
      if s then
        return { line = i - 1, character = vim.str_utfindex(line, s - 1 + shift) }
      end
    end
    error('not in the buffer: ' .. needle)
  end
  local uri = vim.uri_from_bufnr(buf)
  local function ask(method, params)
    local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
    for _, a in pairs(answers) do
      if a.error then table.insert(results.errors, method .. ': ' .. vim.inspect(a.error)) end
      return a.result
    end
  end
  local function position(needle, shift)
    return { textDocument = { uri = uri }, position = at(needle, shift) }
  end

  local hover = ask('textDocument/hover', position('"88148"', 2))
  results.hover = hover and hover.contents.value or ''
  local completion = ask('textDocument/completion', position('champ: petite_enfance', 7)) or {}
  results.completion = {}
  for _, item in ipairs(completion.items or completion) do
    table.insert(results.completion, item.label)
  end
  local def = ask('textDocument/definition', position('axe: A2', 5))
  if def and def.uri == nil then def = def[1] end
  results.definition = def and { uri = def.uri, line = def.range.start.line + 1 } or {}

  -- The first code action of the CTG205 finding, applied, then written.
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'CTG205' then target = d end
  end
  local range = {
    start = { line = target.lnum, character = 0 },
    ['end'] = { line = target.end_lnum, character = 0 },
  }
  local actions = ask('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum) },
  }) or {}
  results.actions = {}
  for _, a in ipairs(actions) do table.insert(results.actions, a.title) end
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  vim.cmd('write')
  -- The diagnostics of the text written.
  vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'CTG205' then return false end
    end
    return true
  end, 20)
  results.after = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(results.after, d.code)
  end
  vim.lsp.stop_client(client)
end)
if not ok then table.insert(results.errors, tostring(err)) end
finish()
