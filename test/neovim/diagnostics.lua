-- Headless Neovim (0.7) as a second, independent LSP client of the scenario server.
-- Environment: SERVER (path to dist/server.js), FILE (a broken scenario), EXPECT (comma-separated
-- "rule@line" pairs, 1-based lines). Prints what it received; exits non-zero on any mismatch.
local server = os.getenv("SERVER")
local file = os.getenv("FILE")
local expected = os.getenv("EXPECT")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "scenario-lint",
  cmd = { "node", server, "--stdio" },
  root_dir = vim.fn.fnamemodify(file, ":h:h"),
})
if not client_id then
  io.stderr:write("could not start the language server\n")
  vim.cmd("cq!")
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(15000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
if not ok then
  io.stderr:write("no diagnostics received within 15 s\n")
  vim.cmd("cq!")
end

local got = {}
for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(got, string.format("%s@%d", diagnostic.code or "?", diagnostic.lnum + 1))
end
table.sort(got)
local actual = table.concat(got, ",")
io.stdout:write(actual .. "\n")
vim.lsp.stop_client(client_id)
if actual ~= expected then
  io.stderr:write("expected " .. expected .. "\n     got " .. actual .. "\n")
  vim.cmd("cq!")
end
vim.cmd("qa!")
